using System.Globalization;
using System.Text.RegularExpressions;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Reporting.Figures;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// The summary of a run, independent of its format: summary.md (<see cref="SummaryMarkdown"/>) and
/// report.html (<see cref="ReportHtml"/>) render the same title, counts, sections, texts and cells.
/// </summary>
/// <param name="SpecName">The spec's name, shown in the heading.</param>
/// <param name="Counts">Cases, usable, left out, and the count per status.</param>
/// <param name="Environment">Version, commit, runtime, BLAS, threads, wall time; empty without a manifest.</param>
/// <param name="Manifest">The run's manifest, shown in full by the HTML page; null when the run has none.</param>
public sealed partial record RunSummary(string SpecName, string Counts, string Environment, IReadOnlyList<SummarySection> Sections, RunManifest? Manifest)
{
    public static RunSummary Of(RunArtifacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var statistics = run.Statistics;
        var name = run.Spec?.Name ?? run.Manifest?.SpecName ?? "";
        var counts = $"{statistics.Total} cases: {statistics.Usable} usable, {statistics.Failed} left out" +
            (statistics.ByStatus.Count > 0 ? " (" + string.Join(", ", statistics.ByStatus.Select(kv => $"{kv.Key.ToSnakeCase()}: {kv.Value}")) + ")" : "") + ".";
        var sections = new List<SummarySection> { WhatWasRun(run) };

        var shown = run.Figures.Where(f => f.Kind is FigureKind.Composite or FigureKind.Scaling).ToList();
        if (shown.Count > 0)
            sections.Add(new SummarySection("Figures", 2,
            [
                "Each dot is one case: the flattest interpolator's minimum flatness F_min (x) and its population loss (y), both on " +
                "log scales, coloured by the correlation ρ of the inner weights with the target's subspace; optimizer runs and " +
                "searches are drawn as paths ending in a larger marker. A rising cloud (positive Spearman correlation) means " +
                "flatter interpolators generalise better. Scaling studies plot F_min against d on log-log axes with the fitted slopes.",
            ]) { Figures = shown });

        sections.Add(new SummarySection("Per panel, all seeds", 2,
        [
            "Spearman: rank correlation of F_min and population loss over the usable cases (positive: flatter generalises better); " +
            "p: two-sided, t approximation. ρ at min F_min: the ρ of the flattest interpolator; loss there against the best " +
            "loss of the panel as ratio (1 = flatness picked the best) and difference (0 = the same).",
        ]) { Table = PanelTable(statistics, run.Titles, p => ReportFormat.Cells(p.Spearman, p.Flattest), includeCounts: true) });
        sections.Add(new SummarySection("Per panel, seeds averaged (mean F_min and loss per ρ first)", 2, [])
        {
            Table = PanelTable(statistics, run.Titles, p => ReportFormat.Cells(p.SeedAveragedSpearman, p.SeedAveragedFlattest), includeCounts: false),
        });

        if (run.BootstrapStatistics.Count > 0)
        {
            sections.Add(IntervalSection(run));
            sections.Add(VerdictSection(run));
        }
        if (run.SearchStatistics.Count > 0) sections.Add(SearchSection(run));
        if (run.Scaling.Count > 0) sections.Add(ScalingSection(run.Scaling));
        if (run.SearchClaims.Count > 0) sections.Add(SearchClaimSection(run));
        sections.Add(FailureSection(statistics));
        if (run.Manifest is { } manifest)
            sections.Add(new SummarySection("Manifest", 2, [])
            {
                Table = new SummaryTable(["field", "value"],
                    ManifestRows(manifest).Select(r => (IReadOnlyList<SummaryCell>)[SummaryCell.Plain(r.Key), SummaryCell.Plain(r.Value)]).ToList()),
            });

        var environment = run.Manifest is { } m
            ? $"FlatLab {m.FlatlabVersion} (commit {m.GitCommit}), {m.Runtime}, {m.Blas}, {m.Threads} threads on {m.Cores} cores, " +
              $"wall time {ReportFormat.Seconds(m.WallSeconds)}, finished {m.FinishedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC."
            : "";
        return new RunSummary(name, counts, environment, sections, run.Manifest);
    }

    private static SummaryTable PanelTable(SweepSummary statistics, IReadOnlyDictionary<string, string> titles,
        Func<PanelSummary, string[]> cells, bool includeCounts)
    {
        var headers = new List<string> { "panel", "figure" };
        if (includeCounts) headers.AddRange(["cases", "usable", "left out"]);
        headers.AddRange(ReportFormat.StatisticHeaders);
        var rows = new List<IReadOnlyList<SummaryCell>>();
        foreach (var p in statistics.Panels)
        {
            var row = new List<SummaryCell>
            {
                SummaryCell.Named(p.Panel, titles.TryGetValue(p.Panel, out var t) ? t : ""),
                SummaryCell.Plain(p.Figure),
            };
            if (includeCounts) row.AddRange(new[] { p.Total, p.Usable, p.Failed }.Select(n => new SummaryCell(ReportFormat.Int(n))));
            row.AddRange(cells(p).Select(c => new SummaryCell(c)));
            rows.Add(row);
        }
        return new SummaryTable(headers, rows);
    }

    private static SummarySection IntervalSection(RunArtifacts run)
    {
        var settings = run.StatisticsSettings;
        var level = Percent(settings.Level);
        return new SummarySection("Per panel, bootstrap intervals over seeds", 2,
        [
            string.Create(CultureInfo.InvariantCulture,
                $"The ρ of one seed share one dataset, so the intervals resample seeds, each with all its usable ρ rows: {settings.Resamples} resamples, ") +
            $"{level} percentile intervals (docs/statistics.md). spearman on {settings.RestrictedRange}: only the rows at or above the cut; " +
            "within_rho_spearman: Spearman across seeds at each ρ, averaged over ρ; rho_star: the flattest ρ of the seed-averaged F_min; " +
            "loss_ratio: L(ρ*) / L_best (1 = the flattest ρ generalizes best); loss_over_trivial: L(ρ*) / (signal power + noise variance) " +
            "(below 1 = better than predicting 0); loss_over_noise: L(ρ*) / noise variance (1 = the noise floor). " +
            "Rows that are not usable are left out and counted (failed). The same numbers, at full precision, are in stats.csv.",
        ])
        {
            Table = new SummaryTable(["panel", "figure", "statistic", "range", "estimate", $"{level} interval", "seeds", "rows", "failed"],
                run.BootstrapStatistics.SelectMany(p => p.Estimates.Select(e => (IReadOnlyList<SummaryCell>)
                [
                    SummaryCell.Named(p.Panel, run.Titles.TryGetValue(p.Panel, out var t) ? t : ""),
                    SummaryCell.Plain(p.Figure),
                    SummaryCell.Plain(e.Statistic),
                    SummaryCell.Plain(e.Range),
                    new(ReportFormat.Number(e.Point)),
                    new(e.HasInterval ? $"[{ReportFormat.Number(e.Lower)}, {ReportFormat.Number(e.Upper)}]" : "–"),
                    new(ReportFormat.Int(e.Seeds)),
                    new(ReportFormat.Int(e.Rows)),
                    new(ReportFormat.Int(e.Failed)),
                ])).ToList()),
        };
    }

    private static SummarySection VerdictSection(RunArtifacts run) =>
        new("Verdicts", 2,
        [
            "One rule decides every claim (docs/statistics.md §4): a claim holds when its whole interval lies on the claim's side of " +
            "its threshold, fails when it lies wholly on the other side, and is inconclusive when the interval contains the threshold, " +
            string.Create(CultureInfo.InvariantCulture,
                $"is undefined, or rests on fewer than {VerdictRule.MinimumSeeds} seeds. Thresholds: a link is a restricted-range Spearman ") +
            string.Create(CultureInfo.InvariantCulture,
                $"beyond ±{VerdictRule.LinkThreshold}, a strong link one above {VerdictRule.StrongLinkThreshold}; the flattest ρ generalizes best ") +
            string.Create(CultureInfo.InvariantCulture,
                $"when L(ρ*) / L_best is below {VerdictRule.NearBestRatio}; better than trivial when L(ρ*) is below signal power + noise variance. ") +
            "Every claim is judged for every panel; which claim a panel is about is stated where the verdicts are read.",
        ])
        {
            Table = new SummaryTable(["panel", "figure", "claim", "verdict", "reason"],
                run.BootstrapStatistics.SelectMany(p => p.Verdicts.Select(v => (IReadOnlyList<SummaryCell>)
                [
                    SummaryCell.Named(p.Panel, run.Titles.TryGetValue(p.Panel, out var t) ? t : ""),
                    SummaryCell.Plain(p.Figure),
                    SummaryCell.Plain(v.Claim.ToSnakeCase()),
                    SummaryCell.Plain(v.Status.ToSnakeCase()),
                    SummaryCell.Plain(v.Text),
                ])).ToList()),
        };

    private static SummarySection SearchSection(RunArtifacts run) =>
        new("Searches: the flattest interpolator found (Theorem 3)", 2,
        [
            "Per seed, the flattest interpolator found is the converged search with the smallest F_min (searches that hit their cap " +
            "or failed a step never stand for it); its population loss is compared, as ratios of seed means, with the best loss of " +
            "the seed's ρ rows, with the trivial predictor's (signal power + noise variance) and with the reference's (the Theorem 4 " +
            "network, or with noisy labels the noisy-label reference). Intervals resample seeds as above; search_converged_share " +
            "counts searches (rows) and converged ones (failed = the rest). " +
            string.Create(CultureInfo.InvariantCulture,
                $"Verdicts: searched_flattest_near_best holds when the whole interval lies below {VerdictRule.NearBestRatio}, ") +
            string.Create(CultureInfo.InvariantCulture,
                $"searched_flattest_beats_trivial when it lies below {VerdictRule.TrivialRatio}; fewer than {VerdictRule.MinimumSeeds} seeds are inconclusive."),
        ])
        {
            Table = new SummaryTable(["panel", "statistic", "estimate", $"{Percent(run.StatisticsSettings.Level)} interval", "seeds", "rows", "failed", "verdict"],
                run.SearchStatistics.SelectMany(p => p.Estimates.Select(e => (IReadOnlyList<SummaryCell>)
                [
                    SummaryCell.Named(p.Panel, run.Titles.TryGetValue(p.Panel, out var t) ? t : ""),
                    SummaryCell.Plain(e.Statistic),
                    new(ReportFormat.Number(e.Point)),
                    new(e.HasInterval ? $"[{ReportFormat.Number(e.Lower)}, {ReportFormat.Number(e.Upper)}]" : "–"),
                    new(ReportFormat.Int(e.Seeds)),
                    new(ReportFormat.Int(e.Rows)),
                    new(ReportFormat.Int(e.Failed)),
                    SummaryCell.Plain(p.Verdicts.FirstOrDefault(v => ReferenceEquals(v.Statistic, e)) is { } v
                        ? $"{v.Claim.ToSnakeCase()}: {v.Status.ToSnakeCase()}" : ""),
                ])).ToList()),
        };

    private static string Percent(double level) => (100 * level).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static SummarySection ScalingSection(IReadOnlyList<ScalingFit> fits) =>
        new("Scaling studies", 2,
        [
            "Log-log least-squares slopes in d of seed-averaged quantities (n ∝ d, m ∝ n), each with its seed-cluster " +
            "bootstrap percentile interval (seeds resampled, the same picks at every d). `separation_reference` is F_min at " +
            "the smallest ρ over the Theorem 4 reference's F_min of the same seed, `separation_search` over the flattest " +
            "converged search of the same seed. Claims and the verdict rule: docs/theory.md §7.",
        ])
        {
            Table = new SummaryTable(["study", "ρ", "quantity", "points", "seeds", "slope", "interval", "predicted", "claim", "verdict"],
                fits.Select(f => (IReadOnlyList<SummaryCell>)
                [
                    SummaryCell.Plain(f.Series),
                    new(double.IsNaN(f.Rho) ? "–" : f.Rho.ToString("0.###", CultureInfo.InvariantCulture)),
                    SummaryCell.Plain(f.Quantity),
                    new(ReportFormat.Int(f.Points.Count)),
                    new(ReportFormat.Int(f.Slope.Seeds)),
                    new(Short(f.Fit?.Slope)),
                    new(f.Slope.HasInterval
                        ? string.Create(CultureInfo.InvariantCulture, $"[{f.Slope.Lower:0.000}, {f.Slope.Upper:0.000}] ({Percent(f.Slope.Level)})")
                        : "–"),
                    new(Short(double.IsNaN(f.Predicted) ? null : f.Predicted)),
                    SummaryCell.Plain(f.Verdict?.Claim.ToSnakeCase() ?? "–"),
                    SummaryCell.Plain(f.Verdict?.Status.ToSnakeCase() ?? "–"),
                ]).ToList()),
        };

    private static SummarySection SearchClaimSection(RunArtifacts run) =>
        new("Search claims", 2,
        [
            "Per seed, the flattest of its converged searches (all starts) stands for the flattest interpolator over (a, W); capped " +
            "or failed searches are left out (rows: search rows, failed: not converged; seeds: seeds with a converged search). " +
            "search_over_best_rho: its F_min over the seed's flattest ρ construction; search_loss_over_trivial: its loss over signal " +
            "power + noise; search_bias_share: its bias share. Means over seeds with seed-bootstrap intervals; the rule and thresholds: " +
            string.Create(CultureInfo.InvariantCulture,
                $"docs/theory.md §9 (flatter below 1, better than trivial below 1, bias-free below {VerdictRule.BiasFreeShare}; at least {VerdictRule.MinimumSeeds} seeds)."),
        ])
        {
            Table = new SummaryTable(["panel", "searches", "not converged", "claim", "estimate", "interval", "seeds", "verdict"],
                run.SearchClaims.SelectMany(p => p.Verdicts.Select(v => (IReadOnlyList<SummaryCell>)
                [
                    SummaryCell.Named(p.Panel, run.Titles.TryGetValue(p.Panel, out var t) ? t : ""),
                    new(ReportFormat.Int(p.Total)),
                    new(ReportFormat.Int(p.Failed)),
                    SummaryCell.Plain(v.Claim.ToSnakeCase()),
                    new(ReportFormat.Number(v.Statistic.Point)),
                    new(v.Statistic.HasInterval ? $"[{ReportFormat.Number(v.Statistic.Lower)}, {ReportFormat.Number(v.Statistic.Upper)}]" : "–"),
                    new(ReportFormat.Int(v.Statistic.Seeds)),
                    SummaryCell.Plain(v.Status.ToSnakeCase()),
                ])).ToList()),
        };

    /// <summary>What was run, in one table: the spec in brief, the counts, when and how long, and which build with
    /// which command line (the last two from the manifest, when the run has one).</summary>
    private static SummarySection WhatWasRun(RunArtifacts run)
    {
        var rows = new List<KeyValuePair<string, string>>();
        var statistics = run.Statistics;
        if (run.Spec is { } spec)
        {
            var panels = spec.AllPanels;
            rows.Add(new("spec", spec.Name));
            rows.Add(new("panels", $"{panels.Count} ({string.Join(", ", panels.Select(p => p.Name))})"));
            if (panels.Count > 0)
                rows.Add(new("sizes", $"d = {Range(panels.Select(p => p.D))}, n = {Range(panels.Select(p => p.N))}, m = {Range(panels.Select(p => p.M))}"));
            rows.Add(new("activations", string.Join(", ", panels.Select(p => p.Activation.Name).Distinct())));
            rows.Add(new("ρ values, seeds", string.Create(CultureInfo.InvariantCulture, $"{spec.Rho.Expand().Length} ρ, {spec.Seeds} seeds (base seed {spec.Seed})")));
            if (spec.Optimizers.Length + spec.Searches.Length + spec.Scaling.Length > 0)
                rows.Add(new("optimizers, searches, scaling studies",
                    string.Create(CultureInfo.InvariantCulture, $"{spec.Optimizers.Length}, {spec.Searches.Length}, {spec.Scaling.Length}")));
        }
        else if (run.Manifest is { } named) rows.Add(new("spec", named.SpecName));
        rows.Add(new("cases", $"{statistics.Total} total, {statistics.Usable} usable, {statistics.Failed} left out"));
        if (run.Manifest is { } m)
        {
            rows.Add(new("wall time", $"{ReportFormat.Seconds(m.WallSeconds)} ({ReportFormat.Int(m.Threads)} threads on {ReportFormat.Int(m.Cores)} cores)"));
            rows.Add(new("started (UTC)", m.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
            rows.Add(new("version", $"FlatLab {m.FlatlabVersion}, build {m.GitDescribe}" + m.BuildDirty switch
            {
                true => " (uncommitted changes)",
                false => " (clean tree)",
                null => "",
            }));
            if (m.CommandLine.Count > 0) rows.Add(new("command line", string.Join(" ", m.CommandLine.Select(QuoteWord))));
        }
        return new SummarySection("What was run", 2, [])
        {
            Table = new SummaryTable(["what", "value"],
                rows.Select(r => (IReadOnlyList<SummaryCell>)[SummaryCell.Plain(r.Key), SummaryCell.Plain(r.Value)]).ToList()),
        };
    }

    private static string Range(IEnumerable<int> values)
    {
        var list = values.ToList();
        var (low, high) = (list.Min(), list.Max());
        return low == high ? ReportFormat.Int(low) : $"{ReportFormat.Int(low)}–{ReportFormat.Int(high)}";
    }

    private static string QuoteWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>The cases left out, grouped by status and reason (the message with its numbers set aside), largest group
    /// first, each with its count and its first cases; a sweep with hundreds of failures stays a short table.</summary>
    private static SummarySection FailureSection(SweepSummary statistics)
    {
        if (statistics.Failures.Count == 0) return new SummarySection("Failures", 2, ["None: every case is usable."]);
        var groups = FailureGroups(statistics.Failures);
        return new SummarySection("Failures", 2,
        [
            $"{statistics.Failures.Count} cases are left out of the figures and statistics, in {groups.Count} groups by status and reason " +
            $"(messages that differ only in their numbers are one reason; the first shown). The first {ExampleCases} cases of each group are named; " +
            "results.csv has every one.",
        ])
        {
            Table = new SummaryTable(["status", "reason", "cases", "panels", "first cases"],
                groups.Select(g => (IReadOnlyList<SummaryCell>)
                [
                    SummaryCell.Plain(g[0].Status.ToSnakeCase()),
                    SummaryCell.Plain(g[0].Message),
                    new(ReportFormat.Int(g.Count)),
                    SummaryCell.Plain(string.Join(", ", g.Select(f => f.Panel).Distinct())),
                    SummaryCell.Code(string.Join(", ", g.Take(ExampleCases).Select(f => f.CaseKey)) + (g.Count > ExampleCases ? ", …" : "")),
                ]).ToList()),
        };
    }

    private const int ExampleCases = 3;

    /// <summary>Failures by status and reason, largest group first (ties in order of first appearance), each in case order.</summary>
    internal static IReadOnlyList<IReadOnlyList<FailedCase>> FailureGroups(IReadOnlyList<FailedCase> failures) =>
        failures.Select((f, i) => (f, i))
            .GroupBy(x => (x.f.Status, Reason: Numbers().Replace(x.f.Message, "#")))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.First().i)
            .Select(g => (IReadOnlyList<FailedCase>)g.Select(x => x.f).ToList())
            .ToList();

    /// <summary>A number in a message: an integer or decimal, with an exponent, or NaN/∞.</summary>
    [GeneratedRegex(@"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|NaN|[-+]?∞|[-+]?Infinity")]
    private static partial Regex Numbers();

    private static IEnumerable<KeyValuePair<string, string>> ManifestRows(RunManifest m) =>
    [
        new("spec", m.SpecName), new("FlatLab version", m.FlatlabVersion), new("git commit", m.GitCommit),
        new("build", m.GitDescribe + (m.BuildDirty is true ? " (uncommitted changes)" : "")), new("runtime", m.Runtime),
        new("OS", $"{m.Os} ({m.Architecture})"), new("host", m.Host), new("cores", ReportFormat.Int(m.Cores)), new("BLAS", m.Blas),
        new("threads", ReportFormat.Int(m.Threads)), new("shards", string.Join(", ", m.Shards)),
        new("started (UTC)", m.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("finished (UTC)", m.FinishedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("wall time", ReportFormat.Seconds(m.WallSeconds)),
        new("cases", $"{m.CasesTotal} total, {m.CasesSolved} solved, {m.CasesFailed} failed, {m.CasesUsable} usable, {m.CasesResumed} resumed, {m.CasesRan} run"),
        new("mean case time", ReportFormat.Seconds(m.MeanCaseSeconds)), new("mean solve time", ReportFormat.Seconds(m.MeanSolveSeconds)),
    ];

    private static string Short(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
