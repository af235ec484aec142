using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using FlatLab.Experiments.Runs;
using ParquetSharp;
using ParquetSharp.Schema;

namespace FlatLab.Reporting.Io;

/// <summary>
/// How FlatLab reads and writes Parquet (ParquetSharp: Apache Arrow's C++ Parquet library). Every page
/// written carries the CRC-32 of its bytes in its header, and every page read that carries one is checked
/// against it, so a damaged file is refused rather than read as other numbers; pages without a checksum
/// (pandas' and pyarrow's defaults, files of earlier FlatLab versions) read as before.
/// </summary>
internal static partial class ParquetFile
{
    /// <summary>Opens <paramref name="path"/> for reading with checksum verification; reads only the footer.
    /// A file the library cannot open is an <see cref="InvalidDataException"/> naming the path.</summary>
    public static ParquetFileReader Open(string path)
    {
        using var properties = ReaderProperties.GetDefaultReaderProperties();
        properties.EnablePageChecksumVerification();
        try
        {
            return new ParquetFileReader(path, properties);
        }
        catch (Exception e) when (Problem(e) is { } problem)
        {
            throw new InvalidDataException($"'{path}' is not a readable Parquet file ({problem}).", e);
        }
    }

    /// <summary>
    /// Writes a file of one row group atomically (<see cref="AtomicFileWriter"/>): Snappy-compressed pages,
    /// each with its checksum. <paramref name="writeColumns"/> writes every column of <paramref name="schema"/> in order.
    /// </summary>
    public static void Write(string path, GroupNode schema, Action<RowGroupWriter> writeColumns) =>
        AtomicFileWriter.Write(path, stream => Write(stream, schema, writeColumns));

    /// <summary>Writes the file to <paramref name="stream"/>, which stays open.</summary>
    internal static void Write(Stream stream, GroupNode schema, Action<RowGroupWriter> writeColumns)
    {
        // The library reports a failing stream as its own exception with the text of the original: keep the
        // original (a full disk is an IOException with its errno, which the command line reports as such).
        var recorded = new FailureRecordingStream(stream);
        try
        {
            using var properties = WriterProperties();
            using var writer = new ParquetFileWriter(recorded, schema, properties, keyValueMetadata: null, leaveOpen: true);
            using (var group = writer.AppendRowGroup()) writeColumns(group);
            writer.Close();
        }
        catch (ParquetException) when (recorded.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>What FlatLab writes: checksums on, Snappy, no page index (nothing reads one), the library's defaults otherwise.</summary>
    internal static WriterProperties WriterProperties()
    {
        using var builder = new WriterPropertiesBuilder();
        return builder.EnablePageChecksum().Compression(Compression.Snappy).DisableWritePageIndex().Build();
    }

    /// <summary>A leaf of a flat schema.</summary>
    public static PrimitiveNode Leaf(string name, bool optional, PhysicalType type, LogicalType? logical = null) =>
        new(name, optional ? Repetition.Optional : Repetition.Required, logical ?? LogicalType.None(), type);

    /// <summary>The root of a flat schema with these leaves.</summary>
    public static GroupNode Schema(IEnumerable<Node> leaves) => new("schema", Repetition.Required, leaves.ToArray());

    /// <summary>
    /// Runs <paramref name="read"/> (reading one column of <paramref name="path"/>) and turns the library's
    /// failures (a page that fails its checksum, a page that does not decode) into an
    /// <see cref="InvalidDataException"/> naming the file and the column.
    /// </summary>
    public static T ReadColumn<T>(string path, string column, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (Problem(e) is { } problem)
        {
            throw new InvalidDataException($"'{path}', column '{column}': {problem}.", e);
        }
    }

    /// <summary>All <paramref name="count"/> values of a column chunk; fewer is a damaged file (an <see cref="EndOfStreamException"/>).</summary>
    public static TElement[] ReadAll<TElement>(ColumnReader column, int count)
    {
        // A buffer no larger than the column (the library's default is 4096 values): small tables allocate little.
        using var reader = column.LogicalReader<TElement>(Math.Clamp(count, 1, DefaultBufferLength));
        var values = new TElement[count];
        var read = 0;
        while (read < count && reader.HasNext) read += reader.ReadBatch(values.AsSpan(read));
        if (read != count) throw new EndOfStreamException($"the row group declares {count} rows but the column holds {read}");
        return values;
    }

    /// <summary>The library's default batch size for reading and writing a column.</summary>
    internal const int DefaultBufferLength = 4096;

    /// <summary>
    /// Says what went wrong when <paramref name="e"/> is a failure of the Parquet library or of the file it
    /// reads; null for anything else (a bug, which should surface as one).
    /// </summary>
    public static string? Problem(Exception e)
    {
        if (e is InvalidDataException) return null; // ours, already naming the file
        if (e is not (ParquetException or IOException or NotSupportedException or OverflowException))
            return null;
        var match = NativeMessage().Match(e.Message);
        var text = Regex.Replace(match.Success ? match.Groups[1].Value : e.Message, @"\s+", " ").Trim();
        return text.Contains("CRC", StringComparison.OrdinalIgnoreCase) || text.Contains("checksum", StringComparison.OrdinalIgnoreCase)
            ? $"a page does not match its checksum, the file is damaged ({text})"
            : text;
    }

    /// <summary>ParquetSharp's form of a C++ exception: "TYPE (message: 'TEXT')".</summary>
    [GeneratedRegex(@"\(message: '(.*)'\)\s*$", RegexOptions.Singleline)]
    private static partial Regex NativeMessage();
}
