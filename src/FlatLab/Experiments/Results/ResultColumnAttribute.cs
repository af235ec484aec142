namespace FlatLab.Experiments.Results;

/// <summary>
/// Declares a property of <see cref="CaseResult"/> a column of the results table: its unit and meaning.
/// The column's name is the property's snake_case name and its type follows from the property's type;
/// the CSV and Parquet tables and docs/results-schema.md are all derived from these declarations.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ResultColumnAttribute(string meaning) : Attribute
{
    /// <summary>One or two sentences, Markdown; the schema doc prints them as they are.</summary>
    public string Meaning { get; } = meaning;

    /// <summary>The unit of a number ("s", "label units²"); "–" for pure numbers and text.</summary>
    public string Unit { get; init; } = "–";
}
