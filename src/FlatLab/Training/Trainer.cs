using System.Diagnostics;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// Trains f(x) = Σ a_j σ(w_j·x) on a sample with GD, SGD, SAM or ASAM until the training loss is
/// below the tolerance or the step budget is spent. <paramref name="record"/> receives a copy of
/// the network every <see cref="TrainingSpec.RecordEvery"/> steps and at the end. The methods step in
/// the coordinates of the spec's parameterisation (docs/optimizers.md §2); states going in and out are
/// the network's (a, W).
/// </summary>
public static class Trainer
{
    public static TrainingResult Train(Dataset data, Activation sigma, TrainingSpec spec, RandomSource random,
        IDenseKernels kernels, Action<int, NetworkState>? record = null, NetworkState? start = null,
        int width = 0)
    {
        spec.Validate();
        if (start is null && width < 1)
            throw new ArgumentException($"Training from a random start needs a width m >= 1, got {width}.", nameof(width));
        if (start is not null && start.Dimension != data.Dimension)
            throw new ArgumentException($"The start state has d = {start.Dimension} columns but the sample has d = {data.Dimension}.", nameof(start));
        ArgumentNullException.ThrowIfNull(kernels);
        var clock = Stopwatch.StartNew();
        var x = data.Features as DenseMatrix ?? DenseMatrix.OfMatrix(data.Features);
        var y = data.Labels;
        var network = start?.Clone() ?? NetworkInitializer.Draw(width, data.Dimension, spec.InitScale, random.Fork("init"), spec.Parameterization);
        var objective = TrainingObjective.For(spec.Parameterization, network.Width, sigma, kernels);
        var theta = objective.ToTrained(network);
        var learningRate = spec.LearningRate;
        if (spec.EdgeOfStability is { } fraction)
        {
            var sharpness = Sharpness.Compute(x, y, theta, objective, random.Fork("sharpness"));
            if (!sharpness.IsConverged)
                throw new ArgumentException($"The edge-of-stability step size needs λ_max at the start: {sharpness.Reason}.");
            learningRate = fraction * 2 / sharpness.Eigenvalue;
        }
        if (!(learningRate > 0 && double.IsFinite(learningRate)))
            throw new ArgumentException($"The edge-of-stability step size is not positive ({learningRate}); the Hessian has no positive curvature here.");

        var gradient = NetworkState.Zero(theta.Width, theta.Dimension);
        var losses = new List<(int, double)>();
        var batches = new BatchSchedule(data.Count, spec.Optimizer == OptimizerKind.Sgd ? spec.BatchSize : data.Count, random.Fork("batches"));
        // Full-batch GD reuses the gradient that came with the loss; the others need their own direction.
        var reuse = spec.Optimizer == OptimizerKind.GradientDescent;
        var loss = reuse ? objective.Compute(x, y, theta, gradient) : objective.Loss(x, y, theta);
        losses.Add((0, loss));
        record?.Invoke(0, objective.ToNetwork(theta));
        var lastRecorded = 0;
        var status = TrainingStatus.StepBudget;
        var step = 0;
        while (step < spec.MaxSteps)
        {
            if (loss < spec.LossTolerance)
            {
                status = TrainingStatus.Interpolated;
                break;
            }
            if (!reuse)
            {
                var (bx, by) = batches.Next(x, y);
                var radius = spec.SamSchedule.Radius(spec.SamRadius, spec.SamSteps, step);
                Direction(bx, by, theta, objective, spec, radius, gradient);
            }
            if (spec.WeightDecay > 0) theta.Scale(1 - learningRate * spec.WeightDecay);
            theta.Add(gradient, -learningRate);
            step++;
            loss = reuse ? objective.Compute(x, y, theta, gradient) : objective.Loss(x, y, theta);
            if (!double.IsFinite(loss) || loss > 1e12)
            {
                status = TrainingStatus.Diverged;
                losses.Add((step, loss));
                break;
            }
            if (spec.RecordEvery > 0 && step % spec.RecordEvery == 0)
            {
                losses.Add((step, loss));
                record?.Invoke(step, objective.ToNetwork(theta));
                lastRecorded = step;
            }
        }
        if (status == TrainingStatus.StepBudget && loss < spec.LossTolerance) status = TrainingStatus.Interpolated;
        if (losses[^1].Item1 != step) losses.Add((step, loss));
        var final = objective.ToNetwork(theta);
        // The final state once: also after a divergence on a recording step, never twice at step 0.
        if (lastRecorded != step) record?.Invoke(step, final.Clone());
        return new TrainingResult(status, final, step, loss, learningRate, losses, clock.Elapsed.TotalSeconds)
        {
            InterpolationStep = status == TrainingStatus.Interpolated ? step : -1,
        };
    }

    /// <summary>The update direction in the trained coordinates: the gradient, taken at the SAM / ASAM ascent
    /// point of radius <paramref name="radius"/> for those optimizers.</summary>
    internal static void Direction(DenseMatrix x, double[] y, NetworkState theta, TrainingObjective objective, TrainingSpec spec,
        double radius, NetworkState gradient)
    {
        objective.Compute(x, y, theta, gradient);
        if (spec.Optimizer is not (OptimizerKind.Sam or OptimizerKind.Asam) || radius == 0) return;
        var ascent = gradient.Clone();
        if (spec.Optimizer == OptimizerKind.Asam)
        {
            // ε = ρ T² g / ‖T g‖ with T = |θ| + η (elementwise).
            var t = theta.Clone();
            t.Map(v => Math.Abs(v) + spec.AsamEta);
            ascent.Multiply(t);
            var norm = ascent.Norm();
            if (!(norm > 0)) return;
            ascent.Multiply(t);
            ascent.Scale(radius / norm);
        }
        else
        {
            var norm = ascent.Norm();
            if (!(norm > 0)) return;
            ascent.Scale(radius / norm);
        }
        var perturbed = theta.Clone();
        perturbed.Add(ascent, 1);
        objective.Compute(x, y, perturbed, gradient);
    }
}
