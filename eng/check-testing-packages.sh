#!/usr/bin/env bash
# The testing packages as a user adds them, from their .nupkg files:
# 1. Aircall.CallSync.Testing in a project made by `dotnet new xunit` (xunit 2.x) builds and runs: the package carries
#    no test framework (an xunit v3 dependency there made every [Fact] CS0433, ambiguous between xunit 2 and 3).
# 2. Aircall.CallSync.Testing.Xunit in an xunit v3 project runs CallStoreConformanceTests against InMemoryCallStore.
# Packs the three packages (from the Release build: run it after `dotnet build -c Release`) under a version of their own
# into a temporary folder, and makes each project in a temporary directory whose nuget.config adds that folder as a
# source (the repository's nuget.config is not touched). The other packages restore from the machine's default feed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
version="0.0.0-packagecheck.$(date +%s).$$"
packages_cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cleanup() {
  rm -rf "$work"
  # The restores cached the packages of this version; nothing else uses them.
  for id in aircall.callsync aircall.callsync.testing aircall.callsync.testing.xunit; do
    rm -rf "${packages_cache:?}/$id/$version"
    rmdir "$packages_cache/$id" 2>/dev/null || true
  done
}
trap cleanup EXIT

for project in Aircall.CallSync Aircall.CallSync.Testing Aircall.CallSync.Testing.Xunit; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release --no-build -o "$work/feed" -p:Version="$version" -nologo -v quiet
done

# A project directory in $work whose nuget.config adds the packed packages.
new_consumer() {
  mkdir -p "$work/$1"
  cat > "$work/$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="aircall-callsync-packed" value="$work/feed" />
  </packageSources>
</configuration>
XML
}

echo "::: Aircall.CallSync.Testing in a dotnet new xunit (xunit 2.x) project"
new_consumer Xunit2Consumer
cd "$work/Xunit2Consumer"
dotnet new xunit --no-restore >/dev/null
if ! grep -qE 'Include="xunit" Version="2\.' ./*.csproj; then
  echo "dotnet new xunit no longer makes an xunit 2.x project:" >&2; cat ./*.csproj >&2; exit 1
fi
dotnet add package Aircall.CallSync.Testing --version "$version" --no-restore >/dev/null
rm -f UnitTest1.cs
cat > SimulatorTests.cs <<'CS'
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;

namespace Xunit2Consumer;

public sealed class SimulatorTests : ICallStoreProbe
{
    [Fact]
    public async Task The_simulator_answers_ping()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 10 });
        using var http = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", sim.DefaultAccount.AccessToken);
        Assert.Equal("{\"ping\":\"pong\"}", await http.GetStringAsync("v1/ping"));
    }

    [Fact]
    public Task The_framework_neutral_conformance_kit_runs() => CallStoreConformance.RunAllAsync(this);

    public Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new InMemoryCallStore());

    public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
        => Task.FromResult(((InMemoryCallStore)store).Find(accountId, callId));
}
CS
dotnet build -nologo -v quiet
dotnet test --no-build -nologo

echo "::: Aircall.CallSync.Testing.Xunit in an xunit v3 project"
new_consumer Xunit3Consumer
cd "$work/Xunit3Consumer"
xunit3=$(sed -nE 's/.*PackageVersion Include="xunit\.v3" Version="([^"]+)".*/\1/p' "$repo/Directory.Packages.props")
# xunit.v3 runs on Microsoft.Testing.Platform, which the .NET 10 SDK's dotnet test runs only when global.json asks.
printf '{ "test": { "runner": "Microsoft.Testing.Platform" } }\n' > global.json
cat > Xunit3Consumer.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="xunit.v3" Version="$xunit3" />
    <PackageReference Include="Aircall.CallSync.Testing.Xunit" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > InMemoryCallStoreConformance.cs <<'CS'
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing.Xunit;

namespace Xunit3Consumer;

public sealed class InMemoryCallStoreConformance : CallStoreConformanceTests
{
    protected override Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new InMemoryCallStore());

    protected override Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
        => Task.FromResult(((InMemoryCallStore)store).Find(accountId, callId));
}
CS
dotnet build -nologo -v quiet
dotnet test --no-build
echo "testing packages $version: Aircall.CallSync.Testing runs under xunit 2.x, Aircall.CallSync.Testing.Xunit under xunit v3"
