namespace Aircall.CallSync;

/// <summary>
/// Names under which the SDK reports telemetry. With OpenTelemetry: <c>.AddMeter(AircallDiagnostics.MeterName)</c>
/// and <c>.AddSource(AircallDiagnostics.ActivitySourceName)</c>. No instrument, tag, span or log carries a credential,
/// a webhook token or a phone number.
/// </summary>
public static class AircallDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>Aircall.CallSync</c>.</summary>
    public const string MeterName = PackageInfo.Name;

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>Aircall.CallSync</c>.</summary>
    public const string ActivitySourceName = PackageInfo.Name;
}
