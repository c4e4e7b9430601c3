package org.maraude.jobs.attribution;

/**
 * Dense linear algebra for the small systems of this stage (absorbing Markov chains of a few
 * dozen states, Fisher information of a few dozen coefficients). Gaussian elimination with
 * partial pivoting: deterministic, so results are identical run to run.
 */
public final class LinearSolve {
    private LinearSolve() {}

    /** Solves {@code a x = b}; {@code a} and {@code b} are not modified. */
    public static double[] solve(double[][] a, double[] b) {
        double[][] m = augment(a, new double[][] {b});
        eliminate(m, a.length);
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = m[i][a.length];
        }
        return x;
    }

    /** The inverse of a square matrix; {@code a} is not modified. */
    public static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        double[][] m = augment(a, transpose(id));
        eliminate(m, n);
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** [a | columns of rhs], where rhs is given as rows of column vectors. */
    private static double[][] augment(double[][] a, double[][] rhsColumns) {
        int n = a.length;
        double[][] m = new double[n][n + rhsColumns.length];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix must be square");
            }
            System.arraycopy(a[i], 0, m[i], 0, n);
            for (int k = 0; k < rhsColumns.length; k++) {
                m[i][n + k] = rhsColumns[k][i];
            }
        }
        return m;
    }

    /** Gauss-Jordan elimination in place, leaving the solution columns right of column n. */
    private static void eliminate(double[][] m, int n) {
        int w = m.length == 0 ? 0 : m[0].length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(m[p][c]) < 1e-300) {
                throw new ArithmeticException("singular matrix (column " + c + ")");
            }
            double[] tmp = m[c];
            m[c] = m[p];
            m[p] = tmp;
            double d = m[c][c];
            for (int j = c; j < w; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int j = c; j < w; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
    }
}
