using System.Reflection;
using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// One column of the results table (or of the trajectory table), derived from a
/// <see cref="ResultColumnAttribute"/> property of <see cref="CaseResult"/> (or of
/// <see cref="TrajectoryPoint"/>): its snake_case name, type, unit and meaning, and how to read and set it.
/// </summary>
public sealed record ResultsColumn(string Name, ResultsColumnKind Kind, string Unit, string Meaning, PropertyInfo Property)
{
    /// <summary>The enum a <see cref="ResultsColumnKind.Enum"/> column holds; null for the other kinds.</summary>
    public Type? EnumType => Kind == ResultsColumnKind.Enum ? Property.PropertyType : null;

    public object Get(object row) => Property.GetValue(row)!;

    /// <summary>Sets the column on a row a table reader is filling in (rows are otherwise immutable).</summary>
    internal void Set(object row, object value) => Property.SetValue(row, value);
}
