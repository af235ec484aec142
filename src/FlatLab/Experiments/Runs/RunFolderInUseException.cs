namespace FlatLab.Experiments.Runs;

/// <summary>Another process holds the run folder's lock (<see cref="RunFolderLock"/>): it is running, resuming or merging there.</summary>
public sealed class RunFolderInUseException : IOException
{
    public RunFolderInUseException(string folder, string holder)
        : base($"'{folder}' is in use by {holder}; one run folder takes one writer at a time: " +
               "wait for that process to end (or stop it), or choose another folder.")
    {
        Folder = folder;
        Holder = holder;
    }

    public string Folder { get; }

    /// <summary>Who holds it, as its lock file says: "process N on HOST (since T)", or "another process".</summary>
    public string Holder { get; }
}
