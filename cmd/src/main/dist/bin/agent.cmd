@echo off
rem Launcher of the agent on Windows. Needs Java 17 or newer: JAVA_HOME, or java on the PATH.
rem AGENT_JAVA_OPTS adds JVM options (e.g. -Xmx1g).
setlocal
set "AGENT_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
rem service-run idles for months: its heap starts small and grows when needed.
set "MODE_OPTS="
if "%~1"=="service-run" set "MODE_OPTS=-Xms16m"
"%JAVA%" -XX:+UseSerialGC %MODE_OPTS% %AGENT_JAVA_OPTS% -Dagent.home="%AGENT_HOME%" -cp "%AGENT_HOME%\lib\host\*;%AGENT_HOME%\lib\*" agent.cmd.Main %*
exit /b %ERRORLEVEL%
