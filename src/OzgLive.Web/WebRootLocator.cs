namespace OzgLive.Web;

/// <summary>
/// Where the app finds its static files and its content root (appsettings.json, the default data/ folder).
/// From a checkout (dotnet run, tests) static files come from the repository's top-level wwwroot/
/// beside OzgLive.sln; a published app has its own copy in wwwroot/ next to the assembly. A
/// configured "webroot" or "contentRoot" wins over both.
/// </summary>
public static class WebRootLocator
{
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return FindCheckout() is { } checkout
            ? Path.Combine(checkout, "wwwroot")
            : Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }

    /// <summary>
    /// A published app keeps appsettings.json and its data/ folder beside the assembly, so it must not
    /// depend on the directory it is started from (a service manager often starts it in /).
    /// From a checkout the host's default stays: the project folder under dotnet run.
    /// </summary>
    /// <returns>The content root, or null for the host's default (the current directory).</returns>
    public static string? LocateContentRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return FindCheckout() is null ? AppContext.BaseDirectory : null;
    }

    private static string? FindCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
