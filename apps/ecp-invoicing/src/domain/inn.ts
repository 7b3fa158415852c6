/** An organization's or individual entrepreneur's taxpayer number: exactly 14 digits. */
export const INN_PATTERN = /^[0-9]{14}$/;
