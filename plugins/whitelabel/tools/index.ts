/** The White Label tools by area (filled by the pack's area files). */
export default {};
