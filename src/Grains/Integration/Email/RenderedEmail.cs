namespace PacificEdge.Grains.Integration.Email;

/// <summary>A template's output: subject, plain-text body and HTML body.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);
