namespace ImnmDecision.Cli;

/// <summary>Opens the file a command writes its results to.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for writing, creating it or emptying the file already there.
    /// </summary>
    /// <remarks>
    /// <see cref="FileMode.Create"/> truncates even a file it has just created, and on ext4 a truncated file is
    /// written back synchronously when it is closed (the file system guards the "truncate and rewrite" pattern
    /// that way): for a 1M-row result that is a few hundred megabytes pushed to the disk before the command can
    /// finish. A new file needs no truncation, so only a file that already has content is emptied.
    /// </remarks>
    public static FileStream Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1);
        try
        {
            if (stream.Length > 0)
            {
                stream.SetLength(0);
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
