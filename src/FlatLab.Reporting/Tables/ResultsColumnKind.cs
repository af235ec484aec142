namespace FlatLab.Reporting.Tables;

/// <summary>The type of a results column: Parquet's physical type and the CSV spelling follow from it.</summary>
public enum ResultsColumnKind
{
    /// <summary>UTF-8 text; Parquet optional, the empty string stored as null.</summary>
    String = 0,
    /// <summary>INT32, required.</summary>
    Int = 1,
    /// <summary>DOUBLE, optional: a not-applicable value (NaN in the row and the CSV) is stored as null.</summary>
    Double = 2,
    /// <summary>BOOLEAN, required.</summary>
    Bool = 3,
    /// <summary>Unsigned INT64, required (the seeds).</summary>
    UInt64 = 4,
    /// <summary>One of an enum's snake_case names (<see cref="FlatLab.Experiments.Results.SnakeCaseEnum"/>), as UTF-8 text, required.</summary>
    Enum = 5,
}
