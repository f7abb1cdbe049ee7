/**
 * A later team migration starts from an earlier one's text of a function (derive.ts): the text
 * taken is that function's whole, whether its body is plpgsql (`END $$;`) or plain SQL, and never
 * runs into the next function.
 */
import { describe, expect, it } from 'vitest';
import { functionText, replaced } from '../../electron/engine/team/derive.ts';

const EARLIER = `
CREATE FUNCTION renew(p bigint) RETURNS timestamptz LANGUAGE sql AS $$
  UPDATE t SET until = now() WHERE id = p AND status = 'open' RETURNING until
$$;

CREATE FUNCTION take(p bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE t SET status = 'open' WHERE id = p;
END $$;
`;

describe('a function taken from an earlier migration', () => {
  it('is a plain SQL function up to its own closing $$; and a plpgsql one up to END $$;', () => {
    expect(functionText(EARLIER, 'renew')).toBe(
      "CREATE FUNCTION renew(p bigint) RETURNS timestamptz LANGUAGE sql AS $$\n  UPDATE t SET until = now() WHERE id = p AND status = 'open' RETURNING until\n$$;",
    );
    expect(functionText(EARLIER, 'take')).toMatch(/^CREATE FUNCTION take\(p bigint\)[^]*END \$\$;$/);
    // Changing the first one changes it alone: the second function's text is not in it.
    expect(replaced(functionText(EARLIER, 'renew'), ["status = 'open'", "status <> 'closed'"])).not.toContain('take');
  });

  it('refuses, naming it, a function the earlier text does not have, and a change it cannot place', () => {
    expect(() => functionText(EARLIER, 'release')).toThrow('No function release');
    expect(() => replaced(functionText(EARLIER, 'take'), ['WHERE', 'AND'], ['nothing like this', ''])).toThrow('"nothing like this" is not');
  });
});
