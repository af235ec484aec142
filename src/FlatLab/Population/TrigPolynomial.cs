namespace FlatLab.Population;

/// <summary>
/// A polynomial in (c, s) = (cos θ, sin θ) for θ ∈ [0, π], kept reduced as A(c) + s B(c) by
/// s² = 1 − c². The exact algebra behind <see cref="RectifiedMomentKernel"/>.
/// </summary>
internal sealed class TrigPolynomial
{
    private TrigPolynomial(double[] even, double[] odd)
    {
        Plain = even;
        TimesSine = odd;
    }

    /// <summary>Coefficients of cⁱ in A.</summary>
    public double[] Plain { get; }

    /// <summary>Coefficients of cⁱ in B (the part multiplied by s).</summary>
    public double[] TimesSine { get; }

    public static TrigPolynomial Constant(double value) => new([value], [0]);

    public static TrigPolynomial Zero => Constant(0);

    /// <summary>cⁱ sʲ.</summary>
    public static TrigPolynomial Monomial(int cosinePower, int sinePower)
    {
        var result = Constant(1);
        var c = new TrigPolynomial([0, 1], [0]);
        var s = new TrigPolynomial([0], [1]);
        for (var i = 0; i < cosinePower; i++) result = result * c;
        for (var j = 0; j < sinePower; j++) result = result * s;
        return result;
    }

    public static TrigPolynomial operator +(TrigPolynomial x, TrigPolynomial y) =>
        new(Add(x.Plain, y.Plain, 1), Add(x.TimesSine, y.TimesSine, 1));

    public static TrigPolynomial operator *(double factor, TrigPolynomial x) =>
        new(x.Plain.Select(v => factor * v).ToArray(), x.TimesSine.Select(v => factor * v).ToArray());

    /// <summary>(A + sB)(A' + sB') = AA' + (1 − c²)BB' + s(AB' + BA').</summary>
    public static TrigPolynomial operator *(TrigPolynomial x, TrigPolynomial y)
    {
        var bb = Multiply(x.TimesSine, y.TimesSine);
        var plain = Add(Multiply(x.Plain, y.Plain), Add(bb, Multiply([0, 0, 1], bb), -1), 1);
        var sine = Add(Multiply(x.Plain, y.TimesSine), Multiply(x.TimesSine, y.Plain), 1);
        return new TrigPolynomial(plain, sine);
    }

    /// <summary>The same polynomial at θ → π − θ, that is c → −c with s unchanged.</summary>
    public TrigPolynomial Reflected() =>
        new(Plain.Select((v, i) => i % 2 == 0 ? v : -v).ToArray(), TimesSine.Select((v, i) => i % 2 == 0 ? v : -v).ToArray());

    public double Evaluate(double c, double s) => Horner(Plain, c) + s * Horner(TimesSine, c);

    private static double Horner(double[] coefficients, double x)
    {
        var r = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--) r = r * x + coefficients[i];
        return r;
    }

    private static double[] Add(double[] x, double[] y, double ySign)
    {
        var r = new double[Math.Max(x.Length, y.Length)];
        for (var i = 0; i < x.Length; i++) r[i] += x[i];
        for (var i = 0; i < y.Length; i++) r[i] += ySign * y[i];
        return r;
    }

    private static double[] Multiply(double[] x, double[] y)
    {
        var r = new double[x.Length + y.Length - 1];
        for (var i = 0; i < x.Length; i++)
            for (var j = 0; j < y.Length; j++) r[i + j] += x[i] * y[j];
        return r;
    }
}
