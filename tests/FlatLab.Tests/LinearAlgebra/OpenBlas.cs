using System.Reflection;
using FlatLab.LinearAlgebra;
using Xunit.Sdk;

namespace FlatLab.Tests.LinearAlgebra;

/// <summary>The system OpenBLAS for tests that compare it with the managed kernels, loaded once.</summary>
internal static class OpenBlas
{
    public const string MissingReason =
        "OpenBLAS (libopenblas.so.0) is not installed: only the managed kernels exist on this machine.";

    private static readonly Lazy<OpenBlasKernels?> Loaded = new(OpenBlasKernels.TryLoad);

    public static bool IsInstalled => Loaded.Value is not null;

    /// <summary>The kernels; only call from a test marked <see cref="OpenBlasFactAttribute"/> or the like.</summary>
    public static OpenBlasKernels Kernels =>
        Loaded.Value ?? throw new InvalidOperationException(MissingReason);
}

/// <summary>A fact that is reported as skipped, with the reason, when OpenBLAS is not installed.</summary>
public sealed class OpenBlasFactAttribute : FactAttribute
{
    public OpenBlasFactAttribute()
    {
        if (!OpenBlas.IsInstalled) Skip = OpenBlas.MissingReason;
    }
}

/// <summary>A theory that is reported as skipped, with the reason, when OpenBLAS is not installed.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (!OpenBlas.IsInstalled) Skip = OpenBlas.MissingReason;
    }
}

/// <summary>The theory row "openblas", skipped with the reason when OpenBLAS is not installed.</summary>
public sealed class OpenBlasDataAttribute : DataAttribute
{
    private readonly object[] _more;

    /// <param name="more">Further arguments after "openblas", as an InlineData row would give them.</param>
    public OpenBlasDataAttribute(params object[] more)
    {
        _more = more;
        if (!OpenBlas.IsInstalled) Skip = OpenBlas.MissingReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["openblas", .. _more]];
}
