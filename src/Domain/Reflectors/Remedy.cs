namespace Backscatter.Domain.Reflectors;

/// <summary>One thing a reflector's admin should change, in the words of their software.</summary>
/// <param name="Title">What to achieve, in one line.</param>
/// <param name="Steps">How, one setting or action each.</param>
public sealed record Remedy(string Title, IReadOnlyList<string> Steps);
