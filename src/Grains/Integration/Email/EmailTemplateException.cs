namespace PacificEdge.Grains.Integration.Email;

/// <summary>A notification's model lacks a value its template needs, or holds an unusable one (e.g. a non-http link).</summary>
public sealed class EmailTemplateException(string message) : ArgumentException(message);
