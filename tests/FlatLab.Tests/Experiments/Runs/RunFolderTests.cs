using FlatLab.Experiments.Runs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments.Runs;

public sealed class RunFolderTests
{
    [Fact]
    public void Given_a_folder_When_a_spec_or_a_store_appears_Then_it_holds_a_run()
    {
        using var dir = new TempDirectory();
        var withSpec = new RunFolder(dir.File("a"));
        var withStore = new RunFolder(dir.File("b"));
        withSpec.Create();
        withStore.Create();
        Assert.False(withSpec.HoldsRun);

        File.WriteAllText(withSpec.SpecPath, "{}");
        File.WriteAllText(withStore.StorePath, "");

        Assert.True(withSpec.HoldsRun);
        Assert.True(withStore.HoldsRun);
        Assert.Equal(dir.File(Path.Combine("a", "spec.json")), withSpec.SpecPath);
        Assert.Equal(dir.File(Path.Combine("b", "cases.jsonl")), withStore.StorePath);
    }

    [Fact]
    public void Given_a_file_in_a_missing_subfolder_When_written_Then_the_subfolder_is_created_and_no_temporary_is_left()
    {
        using var dir = new TempDirectory();
        var folder = new RunFolder(dir.File("run"));

        var path = folder.WriteText(RunFolder.FigureFile("figure-2", "svg"), "<svg/>");

        Assert.Equal(dir.File(Path.Combine("run", "figures", "figure-2.svg")), path);
        Assert.Equal("<svg/>", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("fig2-relu", "panel-fig2-relu")]
    [InlineData("a b/c.d", "panel-a-b-c-d")]
    public void Given_a_panel_name_When_its_figure_is_named_Then_only_safe_characters_remain(string panel, string stem) =>
        Assert.Equal(stem, RunFolder.PanelFigureStem(panel));

    [Fact]
    public void Given_figure_values_and_a_study_When_named_Then_composites_and_scaling_figures_have_their_prefixes()
    {
        Assert.Equal("figure-2", RunFolder.CompositeFigureStem("2"));
        Assert.Equal("figure-other", RunFolder.CompositeFigureStem(" "));
        Assert.Equal("figure-2-seeds", RunFolder.CompositeSeedsFigureStem("2"));
        Assert.Equal("scaling-relu-laws", RunFolder.ScalingFigureStem("relu"));
    }
}
