# OzgLive: one container, one SQLite file on a volume.
#
#   docker build -t ozglive .
#   docker run -p 8080:8080 -v ozglive-data:/app/data \
#     -e Accounts__InitialOrganiser__Email=organisation@example.org \
#     -e Accounts__InitialOrganiser__Password='…' ozglive
#
# The publish below is the command tests/OzgLive.Tests/Hosting/PublishedAppTests.cs runs and then
# starts as a real process (health, static files, kill -9 mid-block), so what the image contains
# is what those tests prove. DockerfileTests keep the two in step.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build copies the browser's SignalR client from npm (see src/OzgLive.Web/OzgLive.Web.csproj).
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore first, from the project files alone, so that a change to the code reuses this layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/OzgLive.Web/OzgLive.Web.csproj src/OzgLive.Web/package.json src/OzgLive.Web/package-lock.json src/OzgLive.Web/
RUN dotnet restore src/OzgLive.Web \
    && cd src/OzgLive.Web && npm ci --no-audit --no-fund

COPY . .
RUN dotnet publish src/OzgLive.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .

# The database lives on the volume; the folder belongs to the non-root user (uid 1654, "app",
# created by the base image) so that SQLite can create the file and its -wal/-shm companions.
RUN mkdir -p /app/data && chown app:app /app/data
VOLUME /app/data
ENV ConnectionStrings__OzgLive="Data Source=/app/data/ozglive.db"
# The base image already listens on 8080 through ASPNETCORE_HTTP_PORTS; setting ASPNETCORE_URLS as
# well would only log a warning about the override on every start.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# No HEALTHCHECK: the aspnet image has neither curl nor wget. Orchestrators probe /healthz
# (process up) and /readyz (database reachable, migrations applied) over HTTP themselves.
# Numeric, so that an orchestrator's "run as non-root" check can verify it: APP_UID=1654 is the
# base image's "app" user.
USER $APP_UID
ENTRYPOINT ["dotnet", "OzgLive.Web.dll"]
