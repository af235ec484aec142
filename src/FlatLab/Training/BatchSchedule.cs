using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>Mini-batches drawn without replacement, reshuffled each epoch from a seeded stream;
/// a batch of the whole sample is the sample itself (full-batch methods).</summary>
internal sealed class BatchSchedule
{
    private readonly int[] _order;
    private readonly int count;
    private readonly int batchSize;
    private readonly RandomSource random;
    private int _position;

    public BatchSchedule(int count, int batchSize, RandomSource random)
    {
        _order = Enumerable.Range(0, count).ToArray();
        (this.count, this.batchSize, this.random, _position) = (count, batchSize, random, count);
    }

    public (DenseMatrix X, double[] Y) Next(DenseMatrix x, double[] y)
    {
        if (batchSize >= count) return (x, y);
        if (_position + batchSize > count)
        {
            // Fisher–Yates with the project's generator.
            for (var i = count - 1; i > 0; i--)
            {
                var j = (int)(random.NextUInt64() % (ulong)(i + 1));
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
            _position = 0;
        }
        var rows = _order.AsSpan(_position, batchSize).ToArray();
        _position += batchSize;
        var bx = new DenseMatrix(batchSize, x.ColumnCount);
        var by = new double[batchSize];
        for (var r = 0; r < batchSize; r++)
        {
            for (var c = 0; c < x.ColumnCount; c++) bx[r, c] = x[rows[r], c];
            by[r] = y[rows[r]];
        }
        return (bx, by);
    }
}
