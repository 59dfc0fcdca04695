using System.Net;

namespace Steward.Client;

/// <summary>The native API answered with an error (a problem document).</summary>
public sealed class StewardApiException : Exception
{
    /// <summary>Creates the exception from the answered status and problem.</summary>
    public StewardApiException(HttpStatusCode status, Problem? problem, string body)
        : base($"Steward answered {(int)status}: {problem?.Detail ?? body}")
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem document, when the body was one.</summary>
    public Problem? Problem { get; }
}
