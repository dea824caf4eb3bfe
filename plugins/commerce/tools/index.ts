/** The commerce tools by area. */
export default {};
