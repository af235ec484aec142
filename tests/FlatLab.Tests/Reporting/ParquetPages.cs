using ParquetSharp;

namespace FlatLab.Tests.Reporting;

/// <summary>One page of a Parquet file as its header describes it: where its bytes are and the checksum it declares.</summary>
public sealed record ParquetPage(int Column, int Type, long HeaderOffset, long BodyOffset, int BodyLength, int? Crc)
{
    /// <summary>DATA_PAGE (0) or DATA_PAGE_V2 (3), not a dictionary page (2).</summary>
    public bool IsDataPage => Type is 0 or 3;
}

/// <summary>
/// Reads the page headers of a Parquet file by itself (Thrift compact protocol, as the Parquet format
/// specifies them), so that tests check the checksums FlatLab writes without trusting the library that
/// wrote them. Only the column chunks' sizes come from the footer (through ParquetSharp), to say which
/// column a page belongs to. Assumes what FlatLab and Parquet.Net write: one column chunk after another
/// from byte 4.
/// </summary>
public static class ParquetPages
{
    public static List<ParquetPage> Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var chunkSizes = new List<long>();
        int columns;
        using (var reader = new ParquetFileReader(path))
        {
            columns = reader.FileMetaData.NumColumns;
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
                using (var group = reader.RowGroup(g))
                    for (var c = 0; c < columns; c++)
                        chunkSizes.Add(group.MetaData.GetColumnChunkMetaData(c).TotalCompressedSize);
        }

        var pages = new List<ParquetPage>();
        long start = 4;
        for (var k = 0; k < chunkSizes.Count; k++)
        {
            var end = start + chunkSizes[k];
            var position = start;
            while (position < end)
            {
                var header = new CompactReader(data, (int)position);
                var (type, length, crc) = header.PageHeader();
                pages.Add(new ParquetPage(k % columns, type, position, header.Position, length, crc));
                position = header.Position + length;
            }
            if (position != end) throw new InvalidDataException($"column chunk {k} ends at {position}, not at {end}.");
            start = end;
        }
        return pages;
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum the Parquet format puts in a page header.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>The Thrift compact protocol, as much of it as skipping any field needs.</summary>
    private sealed class CompactReader(byte[] data, int start)
    {
        private readonly int _start = start;

        public int Position { get; private set; } = start;

        /// <summary>PageHeader: 1 type, 3 compressed_page_size, 4 crc (all i32); the rest is skipped.</summary>
        public (int Type, int Length, int? Crc) PageHeader()
        {
            int type = -1, length = -1;
            int? crc = null;
            short id = 0;
            while (true)
            {
                var b = Byte();
                if (b == 0) break;
                var fieldType = b & 0x0F;
                id = (b >> 4) == 0 ? (short)ZigZag() : (short)(id + (b >> 4));
                if (fieldType == 5 && id is 1 or 3 or 4)
                {
                    var value = (int)ZigZag();
                    if (id == 1) type = value;
                    else if (id == 3) length = value;
                    else crc = value;
                }
                else Skip(fieldType);
            }
            if (type < 0 || length < 0) throw new InvalidDataException($"no page header at {_start}.");
            return (type, length, crc);
        }

        private byte Byte() => data[Position++];

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
        }

        private long ZigZag()
        {
            var v = Varint();
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        private void Skip(int type)
        {
            switch (type)
            {
                case 1 or 2: return; // a boolean field's value is its type
                case 3: Position++; return;
                case 4 or 5 or 6: Varint(); return;
                case 7: Position += 8; return;
                case 8:
                    var length = checked((int)Varint()); // before adding: Position moves while the length is read
                    Position += length;
                    return;
                case 9 or 10:
                    var header = Byte();
                    var size = header >> 4 == 15 ? checked((int)Varint()) : header >> 4;
                    for (var i = 0; i < size; i++) Element(header & 0x0F);
                    return;
                case 11:
                    var entries = checked((int)Varint());
                    if (entries == 0) return;
                    var kinds = Byte();
                    for (var i = 0; i < entries; i++) { Element(kinds >> 4); Element(kinds & 0x0F); }
                    return;
                case 12:
                    short id = 0;
                    while (Byte() is var b && b != 0)
                    {
                        id = (b >> 4) == 0 ? (short)ZigZag() : (short)(id + (b >> 4));
                        Skip(b & 0x0F);
                    }
                    return;
                default: throw new InvalidDataException($"unknown Thrift compact type {type} at {Position}.");
            }
        }

        /// <summary>Inside a list or map a boolean takes a byte.</summary>
        private void Element(int type)
        {
            if (type is 1 or 2) Position++;
            else Skip(type);
        }
    }
}
