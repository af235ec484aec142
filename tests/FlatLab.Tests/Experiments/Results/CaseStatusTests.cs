using System.Text.Json;
using System.Text.RegularExpressions;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Solvers;
using FlatLab.Training;

namespace FlatLab.Tests.Experiments.Results;

public class CaseStatusTests
{
    [Fact]
    public void Given_every_status_and_kind_When_spelled_Then_the_names_are_the_ones_earlier_tables_hold()
    {
        // Independent: the spellings earlier versions wrote by hand, which old run folders contain.
        Assert.Equal(["unsolved", "solved", "infeasible", "ill_conditioned", "max_iterations", "numerical_error", "step_budget", "diverged", "error"],
            Enum.GetValues<CaseStatus>().Select(s => s.ToSnakeCase()));
        Assert.Equal(["rho", "train", "search"], Enum.GetValues<CaseKind>().Select(SnakeCaseEnum.Name));
        Assert.Equal(0, (int)CaseStatus.Unsolved);
    }

    [Fact]
    public void Given_every_solver_status_When_mapped_to_a_case_status_Then_it_keeps_the_solver_spelling()
    {
        foreach (var status in Enum.GetValues<SolverStatus>())
        {
            Assert.Equal(status.ToSnakeCase(), status.ToCaseStatus().ToSnakeCase());
            Assert.Equal(status.HasSolution(), status.ToCaseStatus().HasSolution());
        }
    }

    [Theory]
    [InlineData(TrainingStatus.Interpolated, CaseStatus.Solved)]
    [InlineData(TrainingStatus.StepBudget, CaseStatus.StepBudget)]
    [InlineData(TrainingStatus.Diverged, CaseStatus.Diverged)]
    public void Given_a_training_outcome_When_mapped_Then_the_case_status_says_the_same(TrainingStatus training, CaseStatus expected) =>
        Assert.Equal(expected, training.ToCaseStatus());

    [Fact]
    public void Given_the_statuses_When_asked_for_a_solution_and_usability_Then_only_solved_is_usable_and_training_ends_keep_numbers()
    {
        var usable = Enum.GetValues<CaseStatus>().Where(s => s.IsUsable()).ToArray();
        var withNumbers = Enum.GetValues<CaseStatus>().Where(s => s.HasSolution()).ToArray();
        Assert.Equal([CaseStatus.Solved], usable);
        Assert.Equal([CaseStatus.Solved, CaseStatus.StepBudget, CaseStatus.Diverged], withNumbers);
    }

    [Fact]
    public void Given_an_unknown_name_When_parsed_Then_the_error_lists_the_valid_names()
    {
        var e = Assert.Throws<FormatException>(() => SnakeCaseEnum.Parse<CaseStatus>("Solved"));
        Assert.Contains("'Solved' is not a case status", e.Message);
        Assert.Contains("ill_conditioned", e.Message);
        Assert.True(SnakeCaseEnum.TryParse<CaseStatus>("step_budget", out var s) && s == CaseStatus.StepBudget);
    }

    [Fact]
    public void Given_a_store_line_with_an_unknown_status_When_read_Then_the_json_error_names_the_value()
    {
        var line = CaseResultJson.Write(FlatLab.Tests.Reporting.Runs.SyntheticRows.Row(0, "p", "2", 0, 0.5, 1, 2)).Replace("\"status\":\"solved\"", "\"status\":\"done\"");
        var e = Assert.Throws<JsonException>(() => CaseResultJson.Read(line));
        Assert.Contains("'done'", e.Message);
    }

    [Fact]
    public void Given_the_sources_When_searched_Then_no_status_or_kind_is_compared_as_a_string()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FlatLab.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var names = string.Join("|", Enum.GetValues<CaseStatus>().Select(s => s.ToSnakeCase()));
        var comparison = new Regex($"(==|!=)\\s*\"({names})\"|\"({names})\"\\s*(==|!=)|Kind\\s*(==|!=)\\s*\"");
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => comparison.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root.FullName, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Statuses and kinds are enums (CaseStatus, CaseKind):\n" + string.Join("\n", offenders));
    }
}
