using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using FlatLab.Reporting.Io;
using FlatLab.Solvers;

namespace FlatLab.Tests.PublicApi;

/// <summary>
/// The public API of the library assemblies, listed by reflection and compared with the committed
/// lists next to this file (FlatLab.api.txt, FlatLab.Reporting.api.txt), so that every change to it is
/// seen in review. After an intended change, regenerate the lists and commit them with the change:
///   FLATLAB_UPDATE_API=1 dotnet test FlatLab.slnx -c Release --filter FullyQualifiedName~PublicApi
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies() => new() { "FlatLab", "FlatLab.Reporting" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void GivenTheLibraryAssembly_WhenItsPublicApiIsListed_ThenItMatchesTheCommittedList(string name)
    {
        var assembly = name == "FlatLab" ? typeof(SolverSettings).Assembly : typeof(SolutionReport).Assembly;
        var actual = PublicApiListing.Of(assembly);
        var path = Path.Combine(Folder(), $"{name}.api.txt");

        if (Environment.GetEnvironmentVariable("FLATLAB_UPDATE_API") == "1")
            File.WriteAllText(path, actual);

        Assert.True(File.Exists(path), $"{path} is missing; generate it with FLATLAB_UPDATE_API=1 (see the class comment).");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var expectedLines = expected.Split('\n').ToHashSet();
        var actualLines = actual.Split('\n').ToHashSet();
        var report = new StringBuilder($"The public API of {name} changed; if intended, regenerate {Path.GetFileName(path)} with " +
                                       "FLATLAB_UPDATE_API=1 (see PublicApiTests) and commit it.\n");
        foreach (var line in expectedLines.Except(actualLines)) report.Append("- ").Append(line).Append('\n');
        foreach (var line in actualLines.Except(expectedLines)) report.Append("+ ").Append(line).Append('\n');
        Assert.Fail(report.ToString());
    }

    [Fact]
    public void GivenTheCommandLineAssembly_WhenItsTypesAreListed_ThenNoneIsPublic()
    {
        var cli = typeof(FlatLab.Cli.FlatLabApp).Assembly;

        Assert.Empty(cli.GetExportedTypes().Select(t => t.FullName));
    }

    [Fact]
    public void GivenATypeWithEveryKindOfMember_WhenListed_ThenEachAppearsWithItsSignature()
    {
        var listing = PublicApiListing.Of(typeof(PublicApiTests).Assembly);

        Assert.Contains("public sealed class FlatLab.Tests.PublicApi.PublicApiTests", listing);
        Assert.Contains("  method static TheoryData<string> Assemblies()", listing);
        Assert.Contains("  method void GivenTheLibraryAssembly_WhenItsPublicApiIsListed_ThenItMatchesTheCommittedList(string name)", listing);
        Assert.DoesNotContain("string Folder(", listing); // private
    }

    private static string Folder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
