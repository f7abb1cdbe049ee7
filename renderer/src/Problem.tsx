/** A problem the user must act on, read out by screen readers as it appears; nothing when none. */
export function Problem({ text }: { text: string | null | undefined | false }) {
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;
}
