namespace OzgLive.Web;

/// <summary>
/// Static files live in the repository's top-level wwwroot/. From a checkout (dotnet run, tests)
/// that folder is found beside OzgLive.sln above the app; a published app has its own copy in
/// wwwroot/ next to the assembly. A configured "webroot" wins over both.
/// </summary>
public static class WebRootLocator
{
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
            {
                return Path.Combine(dir.FullName, "wwwroot");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }
}
