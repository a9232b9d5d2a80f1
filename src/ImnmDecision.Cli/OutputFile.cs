namespace ImnmDecision.Cli;

/// <summary>Opens the file a command writes its results to.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Whether the output path names the input file, by another spelling, through symbolic links (of the file or
    /// of any folder on its path) or as a hard link: opening it for output would empty the input before it is read.
    /// </summary>
    public static bool IsSameFile(string input, string output) =>
        string.Equals(RealPath(input), RealPath(output), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
        || IsHardLink(input, output);

    /// <summary>
    /// Whether an existing output file is the input under another name. .NET takes a shared lock on a file opened
    /// to be read with <see cref="FileShare.Read"/> and an exclusive one for <see cref="FileShare.None"/> (on Unix,
    /// advisory <c>flock</c> locks, which belong to the file, whatever name it was opened by): when the input is
    /// open, an exclusive lock on the output fails if they are one file, and succeeds again once the input is closed.
    /// A file another program holds stays locked either way, so it is not mistaken for the input.
    /// </summary>
    private static bool IsHardLink(string input, string output)
    {
        if (!File.Exists(output) || !File.Exists(input))
        {
            return false;
        }

        try
        {
            using (new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                if (CanLockAlone(output))
                {
                    return false;
                }
            }

            return CanLockAlone(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // unreadable: opening it for output reports the problem
        }
    }

    private static bool CanLockAlone(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for writing, creating it or emptying the file already there.
    /// </summary>
    /// <remarks>
    /// <see cref="FileMode.Create"/> truncates even a file it has just created, and on ext4 a truncated file is
    /// written back synchronously when it is closed (the file system guards the "truncate and rewrite" pattern
    /// that way): for a 1M-row result that is a few hundred megabytes pushed to the disk before the command can
    /// finish. A new file needs no truncation, so only a file that already has content is emptied.
    /// </remarks>
    /// <exception cref="IOException">The file cannot be opened; the message says why in the words of imnm when
    /// a folder has its name or its own folder does not exist.</exception>
    public static FileStream Open(string path)
    {
        var stream = OpenKeepingContent(path, out _);
        try
        {
            EmptyIfFilled(stream);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for writing without emptying what is there (see <see cref="ResultFile"/>);
    /// <paramref name="created"/> tells whether nothing was at the path before (no file, device or link).
    /// </summary>
    /// <exception cref="IOException">As for <see cref="Open"/>.</exception>
    public static FileStream OpenKeepingContent(string path, out bool created)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"The output file '{path}' is a folder, not a file; name a file in it.");
        }

        created = !Path.Exists(path) && new FileInfo(path).LinkTarget is null;
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1);
        }
        catch (DirectoryNotFoundException missing)
        {
            throw new IOException($"Cannot write '{path}': the folder it would be written to does not exist.", missing);
        }
    }

    /// <summary>Empties a file that has content; a device or a pipe (not seekable) has none to empty.</summary>
    public static void EmptyIfFilled(FileStream stream)
    {
        if (stream.CanSeek && stream.Length > 0)
        {
            stream.SetLength(0);
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
