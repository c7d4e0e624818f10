using System.Text.RegularExpressions;

namespace OzgLive.Tests.Hosting;

/// <summary>
/// Docker cannot run here, so the image is never built by the tests. What they can hold the
/// Dockerfile to: it publishes with the very command PublishedAppTests runs and starts, and the
/// runtime settings those tests prove (data volume, connection string, non-root user).
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Repo.Root, "Dockerfile"));

    [Fact]
    public void The_image_is_built_with_the_publish_command_the_published_app_tests_run()
    {
        var command = "dotnet " + string.Join(' ', PublishedAppFixture.PublishArguments) + " /app";

        Assert.Contains(command, Instructions("RUN"));
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", Dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0$", Dockerfile);
        Assert.Contains("[\"dotnet\", \"OzgLive.Web.dll\"]", Instructions("ENTRYPOINT"));
    }

    [Fact]
    public void The_app_runs_as_a_non_root_user_with_its_database_on_a_volume()
    {
        var user = Assert.Single(Instructions("USER"));
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains("/app/data", Instructions("VOLUME"));
        Assert.Contains("ConnectionStrings__OzgLive=\"Data Source=/app/data/ozglive.db\"", Instructions("ENV"));
        Assert.Contains("8080", Instructions("EXPOSE"));
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_and_local_data()
    {
        var ignored = File.ReadAllLines(Path.Combine(Repo.Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin", "**/obj", "**/node_modules", "**/data", "artifacts", ".git" }, ignored);
    }

    /// <summary>The arguments of every instruction of the given kind, continuation lines joined.</summary>
    private static List<string> Instructions(string kind) =>
        Regex.Matches(Regex.Replace(Dockerfile, @"\\\r?\n\s*", " "), $@"(?m)^{kind}\s+(.+)$")
            .Select(m => m.Groups[1].Value.Trim())
            .ToList();
}
