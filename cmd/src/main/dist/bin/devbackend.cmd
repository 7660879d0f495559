@echo off
rem The reference backend (for tests and trying the agent out): see _docs/backend-api.md.
setlocal
set "AGENT_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" -XX:+UseSerialGC %DEVBACKEND_JAVA_OPTS% -cp "%AGENT_HOME%\lib\devbackend\*;%AGENT_HOME%\lib\host\*;%AGENT_HOME%\lib\*" agent.devbackend.DevBackendMain %*
exit /b %ERRORLEVEL%
