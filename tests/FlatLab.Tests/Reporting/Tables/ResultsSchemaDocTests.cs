using FlatLab.Reporting.Tables;

namespace FlatLab.Tests.Reporting.Tables;

public class ResultsSchemaDocTests
{
    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FlatLab.slnx"))) return Path.Combine(dir.FullName, "docs", "results-schema.md");
        throw new InvalidOperationException("The repository root (FlatLab.slnx) is not above the test binaries.");
    }

    [Fact]
    public void Given_the_committed_schema_doc_When_regenerated_from_the_columns_Then_it_is_unchanged()
    {
        var path = DocPath();
        var committed = File.ReadAllText(path);
        var generated = ResultsSchemaDoc.Render(committed);
        if (Environment.GetEnvironmentVariable("FLATLAB_REGENERATE_DOCS") == "1" && generated != committed)
            File.WriteAllText(path, generated);
        else
            Assert.True(generated == committed,
                "docs/results-schema.md disagrees with the results columns declared on CaseResult; regenerate it with " +
                "FLATLAB_REGENERATE_DOCS=1 dotnet test FlatLab.slnx -c Release --filter ResultsSchemaDocTests");
    }

    [Fact]
    public void Given_the_column_table_When_rendered_Then_it_has_one_line_per_column_with_its_name_type_and_unit()
    {
        var lines = ResultsSchemaDoc.ColumnTable().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();
        Assert.Equal(ResultsColumns.All.Count, lines.Length);
        Assert.StartsWith("| 3 | `case_seed` | uint64 | – |", lines[2]);
        Assert.Contains("| `population_loss` | double | label units² |", lines.Single(l => l.Contains("`population_loss`")));
        Assert.Contains("One of `rho`, `train`, `search`.", lines.Single(l => l.Contains("`kind`")));
        // A pipe inside a meaning is escaped, or it would split the cell.
        Assert.Contains("Σ_j \\|a_j\\|^p", lines.Single(l => l.Contains("`unit_lp_norm`")));
    }

    [Fact]
    public void Given_a_document_without_a_marker_When_rendered_Then_the_error_names_the_marker()
    {
        var e = Assert.Throws<InvalidDataException>(() => ResultsSchemaDoc.Render("# nothing generated here\n"));
        Assert.Contains("generated: columns", e.Message);
    }
}
