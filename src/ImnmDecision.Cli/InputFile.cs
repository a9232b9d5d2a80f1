namespace ImnmDecision.Cli;

/// <summary>What to tell about a path given as a file to read that is not one.</summary>
internal static class InputFile
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file: a folder has that name, or nothing has.</summary>
    public static string Missing(string path) => Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
}
