using System.Runtime.InteropServices;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM (scancel, kubectl delete) into a cancellation: the
/// cases in progress finish and are saved, no new case starts. A second signal terminates at once,
/// which is safe too: every finished case is already on disk.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Action _onFirst;
    private int _signals;
    private int _exitCode = ExitCodes.Interrupted;

    public StopSignal(CancellationToken outer, Action onFirst)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _onFirst = onFirst;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, Handle));
            }
            catch (PlatformNotSupportedException)
            {
                // Without the registration the signal keeps its default action; finished cases stay saved.
            }
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The exit code that reports the stop the way shells do: 128 + the signal number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1) return; // default action: terminate now
        context.Cancel = true;
        Volatile.Write(ref _exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted);
        _onFirst();
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
