namespace Aircall.CallSync.Testing.Media;

/// <summary>What <see cref="MediaSigner.Check"/> found, in the order S3 checks: the parameters, the signature, the expiry.</summary>
internal enum LinkCheck
{
    Valid,
    MissingParameters,
    BadSignature,
    Expired,
}
