/** Ids match ^[A-Za-z0-9][A-Za-z0-9._-]*$ (DESIGN §2): letters, digits, ".", "_" and "-", starting with a letter or digit. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
