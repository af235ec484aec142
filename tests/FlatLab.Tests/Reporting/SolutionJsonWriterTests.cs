using System.Text.Json;
using FlatLab.Activations;
using FlatLab.Reporting.Io;
using FlatLab.Reporting.Tables;
using FlatLab.Solvers;

namespace FlatLab.Tests.Reporting;

public sealed class SolutionJsonWriterTests
{
    private static SolutionReport Report(FlattestInterpolatorResult result) => new()
    {
        Result = result,
        SampleCount = 4,
        NeuronCount = 9,
        Dimension = 3,
        Activation = ActivationParser.Parse("leaky-relu:0.1"),
        Weighting = OuterWeighting.Exact,
        Kernels = "test kernels",
        Version = "9.9.9",
        Seed = 42,
    };

    [Fact]
    public void Given_a_failed_solve_When_written_Then_nan_numbers_are_null_and_the_status_is_snake_case()
    {
        var result = new FlattestInterpolatorResult
        {
            Status = SolverStatus.IllConditioned,
            Message = "Φ is rank deficient (κ ≈ 1e17).",
            P = 1,
            ConditionEstimate = double.PositiveInfinity,
        };

        using var json = JsonDocument.Parse(SolutionJsonWriter.ToJson(Report(result)));
        var root = json.RootElement;

        Assert.Equal("ill_conditioned", root.GetProperty("status").GetString());
        Assert.Equal("Φ is rank deficient (κ ≈ 1e17).", root.GetProperty("message").GetString());
        foreach (var name in new[] { "objective", "flatness_min", "lower_bound", "duality_gap", "condition_estimate", "population_loss" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty(name).ValueKind);
        Assert.Equal("leaky-relu:0.1", root.GetProperty("activation").GetString());
        Assert.True(root.GetProperty("inside_assumption1").GetBoolean()); // E σ(z) = 0.45/√(2π) ≠ 0
        Assert.Equal(42UL, root.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Given_a_solved_result_When_written_Then_numbers_round_trip_exactly()
    {
        var result = new FlattestInterpolatorResult
        {
            Status = SolverStatus.Solved, Message = "ok", P = 4.0 / 3, Objective = 1.0 / 3, DualObjective = 0.1 + 0.2,
            Point = null, Support = 9, Iterations = 12,
        };

        using var json = JsonDocument.Parse(SolutionJsonWriter.ToJson(Report(result)));
        var root = json.RootElement;

        Assert.Equal(4.0 / 3, root.GetProperty("p").GetDouble());
        Assert.Equal(1.0 / 3, root.GetProperty("objective").GetDouble());
        Assert.Equal(0.1 + 0.2, root.GetProperty("dual_objective").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("optimal_point").ValueKind);
        Assert.Equal(9, root.GetProperty("support").GetInt32());
    }

    [Fact]
    public void Given_solution_json_When_its_fields_are_matched_to_the_results_columns_Then_a_shared_quantity_has_one_name()
    {
        using var json = JsonDocument.Parse(SolutionJsonWriter.ToJson(Report(new FlattestInterpolatorResult { Status = SolverStatus.Solved, Message = "", P = 1 })));
        var fields = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        var columns = ResultsColumns.All.Select(c => c.Name).ToHashSet();
        // A field that differs from a column only in its underscores, or spells a column out, is the same quantity under another name.
        static string Squash(string name) => name.Replace("_", "").Replace("standarderror", "se").Replace("rank", "r");
        var byShape = columns.ToDictionary(Squash);
        foreach (var field in fields)
            if (byShape.TryGetValue(Squash(field), out var column)) Assert.Equal(column, field);
        Assert.Subset(fields.ToHashSet(), new HashSet<string> { "inside_assumption1", "r", "population_loss_se", "status", "phi_condition" });
        Assert.DoesNotContain("rank", fields);
    }
}
