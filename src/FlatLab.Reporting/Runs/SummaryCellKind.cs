namespace FlatLab.Reporting.Runs;

/// <summary>How a summary cell is set: a number (right-aligned), text, code (a case key), or a panel name with its title.</summary>
public enum SummaryCellKind
{
    Number = 0,
    Text = 1,
    Code = 2,
    /// <summary>A name (<see cref="SummaryCell.Text"/>) followed by its title (<see cref="SummaryCell.Note"/>, may be empty).</summary>
    Name = 3,
}
