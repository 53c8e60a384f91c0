/** Ids match ^[A-Za-z0-9][A-Za-z0-9._-]*$ (docs/engagement-files.md): letters, digits, ".", "_" and "-", starting with a letter or digit. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
