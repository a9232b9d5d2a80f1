namespace ImnmDecision.Cli;

/// <summary>Opens the file a command writes its results to.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Whether two full paths name the same file once symbolic links (of the file or of any folder on its path)
    /// are followed: opening one for output would empty the other before it is read. (Hard links are not seen.)
    /// </summary>
    public static bool IsSameFile(string first, string second) =>
        string.Equals(RealPath(first), RealPath(second), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

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

    /// <summary>The full path with every symbolic link on it followed (a part that does not exist is kept as written).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full) ?? string.Empty;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            current = Follow(next) ?? next;
        }

        return current;
    }

    /// <summary>Where a symbolic link leads in the end, or null when the path is not one (or its links loop).</summary>
    private static string? Follow(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
