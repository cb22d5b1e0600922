"""`kiosk demo`: synthesized diners order through the real runtime (driver.py), the
scripted diners and the touches that fix a misheard cart (diners.py), and the run
end to end with a local settlement server (run.py)."""
