using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Classification;

namespace Backscatter.Ingest.Cli;

/// <summary>
/// <c>classify [--tenant FILE] PATH...</c>: classifies mail files (directories are read recursively)
/// and writes one JSON object per message to stdout, a summary to stderr. For people checking a
/// bounce by hand and for scripts; the same classifier the pipeline runs.
/// </summary>
internal static class ClassifyCommand
{
    private const string Usage = "usage: classify [--tenant FILE] PATH...";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Mail is full of '<', '>' and non-ASCII text; JSON Lines for people should show them as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        string? tenantFile = null;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--tenant")
            {
                if (i + 1 >= args.Length)
                {
                    await stderr.WriteLineAsync(Usage);
                    return 2;
                }

                tenantFile = args[++i];
            }
            else if (args[i] is "-h" or "--help")
            {
                await stderr.WriteLineAsync(Usage);
                return 0;
            }
            else
            {
                paths.Add(args[i]);
            }
        }

        if (paths.Count == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        TenantMailConfiguration? tenant = null;
        if (tenantFile is not null)
        {
            try
            {
                tenant = TenantFile.Read(tenantFile);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"--tenant: {ex.Message}");
                return 2;
            }
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var files = new List<string>();
        var missing = 0;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                await stderr.WriteLineAsync($"not found: {path}");
                missing++;
            }
        }

        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var errors = missing;
        var classifyTime = TimeSpan.Zero;
        using var buffer = new MemoryStream();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"unreadable: {file}: {ex.Message}");
                errors++;
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var result = BounceClassifier.Classify(bytes);
            classifyTime += Stopwatch.GetElapsedTime(started);

            if (result.Error is not null)
            {
                errors++;
            }

            var kind = result.Kind.ToString();
            byKind[kind] = byKind.GetValueOrDefault(kind) + 1;

            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                var verdict = tenant is null ? null : VerdictRules.Judge(result, tenant, today);
                var reflector = tenant is null ? null : ReflectorAttribution.Find(result, tenant, HostNameList.Empty);
                ClassificationJson.Write(writer, file, result, verdict, reflector);
            }

            await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        await stdout.FlushAsync();
        var perSecond = classifyTime > TimeSpan.Zero ? files.Count / classifyTime.TotalSeconds : 0;
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"messages: {files.Count}"));
        await stderr.WriteLineAsync("by kind: " + string.Join(", ", byKind.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))));
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"errors: {errors}"));
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"messages/second: {perSecond:F0} (classification only, one thread)"));
        return errors > 0 ? 1 : 0;
    }
}
