// 20-row fixture with tied scores; expected values in the tests come from scikit-learn 1.2.1 (Debian
// python3-sklearn) and are hardcoded — tests do not run Python.
export const Y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0];
export const S = [
  0.9, 0.1, 0.8, 0.6, 0.6, 0.3, 0.7, 0.2, 0.5, 0.4, 0.6, 0.05, 0.95, 0.3, 0.3, 0.7, 0.1, 0.45, 0.55, 0.2,
];
export const W = [1, 2, 1, 0.5, 1, 1, 3, 1, 1, 2, 1, 1, 1, 0.5, 1, 1, 2, 1, 1, 1];
