namespace OzgLive.Web.Hosting;

/// <summary>
/// Where the app finds appsettings.json and its default data/ folder. A published app keeps both
/// beside the assembly, so it must not depend on the directory it is started from (a service manager
/// often starts it in /). From a checkout (dotnet run, tests) the host's default stays: the project
/// folder under dotnet run. A configured "contentRoot" wins over both.
/// Static files need no such help: the build's static web assets manifest says where they are
/// (see OzgLive.Web.csproj and WireExtensions).
/// </summary>
public static class ContentRootLocator
{
    /// <returns>The content root, or null for the host's default (the current directory).</returns>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return IsInCheckout() ? null : AppContext.BaseDirectory;
    }

    private static bool IsInCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")))
            {
                return true;
            }
        }

        return false;
    }
}
