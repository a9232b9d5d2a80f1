namespace ImnmDecision.Api.Hosting;

/// <summary>Where a started service looks for its settings files (the content root).</summary>
internal static class HostPaths
{
    private const string SettingsFile = "appsettings.json";

    /// <summary>
    /// The host's options: the working directory is the content root as usual, unless it holds no
    /// <c>appsettings.json</c> and the application's own folder does (a published service started from another
    /// folder, a service manager that starts in <c>/</c>): then the application's folder is.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var working = Directory.GetCurrentDirectory();
        var own = AppContext.BaseDirectory;
        var useOwn = !File.Exists(Path.Combine(working, SettingsFile)) && File.Exists(Path.Combine(own, SettingsFile));
        return new WebApplicationOptions { Args = args, ContentRootPath = useOwn ? own : null };
    }
}
