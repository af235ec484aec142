namespace FlatLab.Reporting.Tables;

/// <summary>The type of a results column: Parquet's physical type and the CSV spelling follow from it.</summary>
public enum ResultsColumnKind
{
    String = 0,
    Int = 1,
    Double = 2,
    Bool = 3,
}
