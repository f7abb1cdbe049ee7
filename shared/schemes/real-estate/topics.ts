/**
 * Seed 000's Prohibited Topics for ISAs: what an Inside Sales Agent without a real-estate
 * licence must not advise on or state, each with the seed's example, and the safe alternatives.
 */
export const PROHIBITED_TOPICS = [
  { value: 'property_value', label: 'Property value or pricing advice', example: 'That home is worth $540k.' },
  { value: 'negotiation', label: 'Negotiation strategies', example: 'Ask them to cover closing costs.' },
  { value: 'offers', label: 'Presenting or conveying offers', example: "I'll submit your offer." },
  { value: 'contracts', label: 'Explaining or drafting contracts', example: 'That contingency means you can walk away.' },
  { value: 'contingencies', label: 'Advising on contingencies', example: 'Waive appraisal to win the deal.' },
  { value: 'commissions', label: 'Commissions or fees', example: "We'll discount our commission to X%." },
  { value: 'financing', label: 'Financing advice', example: 'Rates are 6% today.' },
  { value: 'property_condition', label: 'Property condition opinions', example: 'This is a safe area.' },
  { value: 'inside_information', label: 'Non-public or inside information', example: 'The seller is desperate to close.' },
  { value: 'escrow_wire', label: 'Escrow or wire instructions', example: 'Send the money to this account.' },
  { value: 'inspection_appraisal', label: 'Inspection or appraisal outcomes', example: "This won't fail appraisal." },
  { value: 'mls_advertising', label: 'MLS or advertising promises', example: "We'll make it Active tomorrow." },
  { value: 'implying_licensure', label: 'Implying licensure', example: "I'm your agent." },
  { value: 'accepting_commitments', label: 'Accepting commitments or authority', example: 'We accept your offer.' },
  { value: 'legal_tax_hoa', label: 'Legal, tax or HOA interpretation', example: 'This easement means you can park here.' },
] as const;

export const ISA_GUIDANCE = {
  title: 'Prohibited topics for ISAs',
  intro: 'You are not licensed to give advice or make statements in these areas. If one comes up, do not answer it: log Prohibited ISA Topic with the topic and a note.',
  items: PROHIBITED_TOPICS.map((t) => ({ label: t.label, example: t.example })),
  alternatives: 'Safe alternatives: you can always connect the prospect to a licensed agent or lender, explain the team process, or describe what services are available.',
};
