# Production image of the host. Build: docker build -t platform .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Platform.Host -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV PLATFORM_DATA_DIR=/data ASPNETCORE_HTTP_PORTS=8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Platform.Host.dll"]
