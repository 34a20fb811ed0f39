// Plain HTML: nothing here needs JavaScript.
export const csr = false;
