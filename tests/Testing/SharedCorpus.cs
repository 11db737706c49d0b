namespace Backscatter.Testing;

/// <summary>
/// The real mail corpus beside the repository (<c>../shared/corpus</c>): read in place, never copied in.
/// </summary>
public static class SharedCorpus
{
    private static readonly Lazy<string> RootPath = new(Locate);

    /// <summary>The corpus folder; a clear error when the checkout has no <c>../shared</c> beside it.</summary>
    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Backscatter.Cloud.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Backscatter.Cloud.sln above {AppContext.BaseDirectory}.");
        }
    }

    private static string Locate()
    {
        var corpus = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));
        return Directory.Exists(corpus)
            ? corpus
            : throw new DirectoryNotFoundException($"The shared corpus is expected at {corpus} (../shared/corpus beside the checkout).");
    }
}
