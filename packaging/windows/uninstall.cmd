@echo off
rem Undo install.cmd: remove the .gknb association and the shortcuts of this Windows user.
setlocal
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" -Uninstall
set rc=%errorlevel%
pause
exit /b %rc%
