using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace OzgLive.ComponentTests;

/// <summary>
/// bunit 2.15.2 was built against AngleSharp.Diffing 1.0.0; the registry here has only 0.17.0, whose
/// API is the part bunit uses. .NET will not hand a 0.17 assembly to a request for 1.0 by itself, so
/// this resolver does, once, when the test assembly loads.
/// </summary>
internal static class AngleSharpDiffingBinding
{
    [ModuleInitializer]
    internal static void Register() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "AngleSharp.Diffing"
                ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "AngleSharp.Diffing.dll"))
                : null;
}
